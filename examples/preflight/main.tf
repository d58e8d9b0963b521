# Three ways to gate a plan on the privileges of the Qumulo credentials.
# The provider is configured from QUMULO_ENDPOINT and QUMULO_ACCESS_TOKEN.

terraform {
  required_version = ">= 1.5"

  required_providers {
    whoami = {
      source = "whoami-terraform/whoami"
    }
  }
}

provider "whoami" {}

locals {
  share_privileges = ["PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_SMB_SHARE_WRITE"]
}

# 1. enforce = true: the provider fails the plan. Its error lists every
#    missing privilege and names the caller.
data "whoami_qumulo_current_privileges" "shares" {
  required = local.share_privileges
  enforce  = true
}

# 2. A postcondition: the plan fails with your own message.
data "whoami_qumulo_current_privileges" "quotas" {
  required = ["PRIVILEGE_QUOTA_READ", "PRIVILEGE_QUOTA_WRITE"]

  lifecycle {
    postcondition {
      condition     = self.all_granted
      error_message = "The Qumulo account cannot manage quotas; missing: ${join(", ", self.missing)}. Ask the storage team to grant them."
    }
  }
}

# 3. A check block: a warning only; plan and apply go on.
check "qumulo_nfs_privileges" {
  data "whoami_qumulo_current_privileges" "nfs" {
    required = ["PRIVILEGE_NFS_EXPORT_READ", "PRIVILEGE_NFS_EXPORT_WRITE"]
  }

  assert {
    condition     = data.whoami_qumulo_current_privileges.nfs.all_granted
    error_message = "NFS exports will not be managed: missing ${join(", ", data.whoami_qumulo_current_privileges.nfs.missing)}."
  }
}

# Resources that need the privileges depend on the gates, so they are never
# created before the gates are read, even when a read waits until apply (for
# example when `required` comes from another resource). A check block cannot
# be a dependency: it only warns.
resource "terraform_data" "share_and_quota_setup" {
  depends_on = [
    data.whoami_qumulo_current_privileges.shares,
    data.whoami_qumulo_current_privileges.quotas,
  ]

  input = "work that needs share and quota privileges"
}
