terraform {
  required_providers {
    whoami = {
      source = "whoami-terraform/whoami"
    }
  }
}

variable "qumulo_token" {
  type      = string
  sensitive = true
}

provider "whoami" {
  # Only the blocks of the platforms you use. Each can be left out and
  # configured from environment variables instead (QUMULO_ENDPOINT,
  # QUMULO_ACCESS_TOKEN, ...).
  qumulo {
    endpoint     = "https://qumulo.example.com:8000"
    access_token = var.qumulo_token      # or username + password
    ca_cert_pem  = file("qumulo-ca.pem") # clusters ship self-signed certificates
  }
}
