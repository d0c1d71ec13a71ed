"""ebguard's simulated cloud: moto plus Elastic Beanstalk and CloudTrail extensions."""
