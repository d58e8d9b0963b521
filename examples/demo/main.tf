# The configuration `make demo` plans against the simulated platforms: Qumulo
# here, the others in ece.tf, mist.tf, awx.tf and faynosync.tf.
#
# The provider block is empty: every connection comes from the environment
# variables the demo script exports (QUMULO_ENDPOINT and QUMULO_ACCESS_TOKEN
# for the svc-terraform service account, EC_ENDPOINT and EC_API_KEY, ...).
# Only Qumulo's check follows var.enforce; the others report what is missing.

terraform {
  required_version = ">= 1.5"

  required_providers {
    whoami = {
      source = "whoami-terraform/whoami"
    }
  }
}

provider "whoami" {}

# Who am I?
data "whoami_qumulo_current_user" "me" {}

# What may I do? And does that cover what this configuration needs?
data "whoami_qumulo_current_privileges" "me" {
  required = [
    "PRIVILEGE_SMB_SHARE_READ", # svc-terraform holds this one
    "PRIVILEGE_QUOTA_WRITE",    # and lacks this one
  ]

  # false: report what is missing. true: fail the plan when anything is.
  enforce = var.enforce
}

output "qumulo_user" {
  description = "Who the credentials belong to."
  value = {
    id         = data.whoami_qumulo_current_user.me.id
    name       = data.whoami_qumulo_current_user.me.name
    privileges = data.whoami_qumulo_current_user.me.privileges
  }
}

output "qumulo_roles" {
  description = "The caller's roles (reported, not evaluated; null, with a warning, when the cluster refuses them)."
  value       = data.whoami_qumulo_current_privileges.me.roles
}

output "qumulo_missing" {
  description = "The required privileges the caller lacks."
  value       = data.whoami_qumulo_current_privileges.me.missing
}

output "qumulo_all_granted" {
  description = "Whether every required privilege is held."
  value       = data.whoami_qumulo_current_privileges.me.all_granted
}
