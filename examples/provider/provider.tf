terraform {
  required_version = ">= 1.5"

  required_providers {
    whoami = {
      source  = "whoami-terraform/whoami"
      version = "~> 0.1.0"
    }
  }
}

variable "qumulo_endpoint" {
  type    = string
  default = "https://qumulo.example.com:8000"
}

variable "qumulo_token" {
  type      = string
  sensitive = true
}

# Clusters ship self-signed certificates: pass the cluster's CA, for example
# with TF_VAR_qumulo_ca_cert_pem="$(cat qumulo-ca.pem)", or keep a file next
# to the configuration and use file("${path.module}/qumulo-ca.pem").
variable "qumulo_ca_cert_pem" {
  type    = string
  default = null # the system's trusted roots only
}

provider "whoami" {
  # Only the blocks of the platforms you use. Each can be left out and
  # configured from environment variables instead (QUMULO_ENDPOINT,
  # QUMULO_ACCESS_TOKEN, ...).
  qumulo {
    endpoint     = var.qumulo_endpoint
    access_token = var.qumulo_token # or username + password
    ca_cert_pem  = var.qumulo_ca_cert_pem
  }
}
