# The insecure shop environment, as Terraform (ebguard fixture).
variable "stage" {
  default = "prod"
}

variable "vpc_id" {
  type = string
}

locals {
  env_name = "shop-${var.stage}"
  extra_settings = [
    { namespace = "aws:elasticbeanstalk:cloudwatch:logs", name = "StreamLogs", value = "false" },
    { namespace = "aws:autoscaling:launchconfiguration", name = "EC2KeyName", value = "shop-admin" },
  ]
}

data "aws_iam_policy_document" "ec2_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "instance" {
  name               = "shop-ec2-role"
  assume_role_policy = data.aws_iam_policy_document.ec2_trust.json
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.instance.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role_policy" "everything_s3" {
  name = "everything-s3"
  role = aws_iam_role.instance.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:*"
      Resource = "*"
    }]
  })
}

resource "aws_iam_instance_profile" "instance" {
  name = "shop-ec2-profile"
  role = aws_iam_role.instance.name
}

// ebguard:ignore EB-NET-005 reason: load test, ticket OPS-7
resource "aws_security_group" "web" {
  name   = "shop-web-sg"
  vpc_id = var.vpc_id

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "db" {
  name = "shop-db-sg"
}

resource "aws_vpc_security_group_ingress_rule" "db_world" {
  security_group_id = aws_security_group.db.id
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 3306
  to_port           = 3306
  ip_protocol       = "tcp"
}

resource "aws_db_instance" "db" {
  identifier             = "shop-db"
  engine                 = "mysql"
  publicly_accessible    = true
  storage_encrypted      = false
  username               = "admin"
  password               = "Sup3rS3cretPassw0rd!" # ebguard:ignore EB-RUN-005
  vpc_security_group_ids = [aws_security_group.db.id]
  instance_class         = "db.t3.micro"
  allocated_storage      = 20
}

resource "aws_s3_bucket" "assets" {
  bucket = "shop-${var.stage}-assets"
}

resource "aws_s3_bucket_public_access_block" "assets" {
  bucket                  = aws_s3_bucket.assets.id
  block_public_acls       = false
  ignore_public_acls      = false
  block_public_policy     = false
  restrict_public_buckets = false
}

resource "aws_cloudtrail" "trail" {
  name                  = "shop-trail"
  s3_bucket_name        = aws_s3_bucket.assets.id
  is_multi_region_trail = false
}

resource "aws_kms_key" "key" {
  enable_key_rotation = false
}

resource "aws_elastic_beanstalk_environment" "shop" {
  name                = local.env_name
  application         = "shop"
  solution_stack_name = "64bit Amazon Linux 2023 v4.0.0 running Python 3.11"

  setting {
    namespace = "aws:autoscaling:launchconfiguration"
    name      = "IamInstanceProfile"
    value     = aws_iam_instance_profile.instance.name
  }
  setting {
    namespace = "aws:autoscaling:launchconfiguration"
    name      = "SecurityGroups"
    value     = join(",", [aws_security_group.web.id])
  }
  setting {
    namespace = "aws:autoscaling:launchconfiguration"
    name      = "InstanceType"
    value     = var.stage == "prod" ? "t3.large" : "t3.micro"
  }
  setting {
    namespace = "aws:autoscaling:launchconfiguration"
    name      = "DisableIMDSv1"
    value     = "false"
  }
  setting {
    namespace = "aws:ec2:vpc"
    name      = "AssociatePublicIpAddress"
    value     = "true"
  }
  setting {
    namespace = "aws:elasticbeanstalk:application:environment"
    name      = "DB_PASSWORD"
    value     = "Sup3rS3cretPassw0rd!"
  }
  setting {
    namespace = "aws:ec2:vpc"
    name      = "VPCId"
    value     = var.vpc_id
  }
  /* settings from a local list */
  dynamic "setting" {
    for_each = local.extra_settings
    content {
      namespace = setting.value.namespace
      name      = setting.value.name
      value     = setting.value.value
    }
  }
}
