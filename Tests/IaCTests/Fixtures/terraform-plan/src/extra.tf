module "extra" {
  source = "./modules/sg"
  name   = "shop-extra-sg"
}
