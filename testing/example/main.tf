# A module that sets up Qumulo quotas, gated on the caller's privileges, and
# the tests under tests/ that run it with the mock kit in ../mocks/all-granted.
# The gate is a postcondition, not enforce = true: `terraform test` can expect
# a postcondition to fail, never an enforce error (see the guide "Testing
# modules that use whoami").

terraform {
  required_version = ">= 1.7"

  required_providers {
    whoami = {
      source = "whoami-terraform/whoami"
    }
  }
}

variable "quota_paths" {
  description = "Directories that get a quota."
  type        = set(string)
  default     = ["/projects"]
}

data "whoami_qumulo_current_user" "me" {}

data "whoami_qumulo_current_privileges" "quotas" {
  required = ["PRIVILEGE_QUOTA_READ", "PRIVILEGE_QUOTA_WRITE"]

  lifecycle {
    postcondition {
      condition     = self.all_granted
      error_message = "${self.principal} cannot manage quotas; missing: ${join(", ", self.missing)}; undecided: ${join(", ", self.unknown)}."
    }
  }
}

# Stands in for the module's real work: it waits for the gate.
resource "terraform_data" "quota" {
  for_each   = var.quota_paths
  depends_on = [data.whoami_qumulo_current_privileges.quotas]

  input = {
    path  = each.key
    owner = data.whoami_qumulo_current_user.me.name
  }
}

output "caller" {
  description = "Who the module runs as."
  value       = data.whoami_qumulo_current_privileges.quotas.principal
}
