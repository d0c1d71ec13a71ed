variable "name" {
  type = string
}

resource "aws_security_group" "this" {
  name = var.name
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
