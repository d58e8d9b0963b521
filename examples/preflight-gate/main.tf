# One gate for many checks: a terraform_data resource whose preconditions
# test every platform's privileges, and resources that depend on it.
# The provider is configured from the environment (QUMULO_ENDPOINT,
# QUMULO_ACCESS_TOKEN, EC_ENDPOINT, EC_API_KEY).

terraform {
  required_version = ">= 1.5"

  required_providers {
    whoami = {
      source = "whoami-terraform/whoami"
    }
  }
}

provider "whoami" {}

data "whoami_qumulo_current_privileges" "storage" {
  required = ["PRIVILEGE_SMB_SHARE_WRITE", "PRIVILEGE_QUOTA_WRITE"]
}

# Platform-level work on ECE: the platform admin role, and the operation.
data "whoami_ece_current_privileges" "search" {
  required = ["role:ece_platform_admin", "create-deployment"]
}

# Each failed precondition fails the plan with its own message, so one run
# reports every platform's gaps at once.
resource "terraform_data" "preflight" {
  lifecycle {
    precondition {
      condition     = data.whoami_qumulo_current_privileges.storage.all_granted
      error_message = "Qumulo: missing ${join(", ", data.whoami_qumulo_current_privileges.storage.missing)}."
    }
    precondition {
      condition     = data.whoami_ece_current_privileges.search.all_granted
      error_message = "ECE: missing ${join(", ", data.whoami_ece_current_privileges.search.missing)}."
    }
  }
}

# Everything that needs the privileges waits for the gate.
resource "terraform_data" "platform_setup" {
  depends_on = [terraform_data.preflight]

  input = "work that needs Qumulo and ECE privileges"
}
