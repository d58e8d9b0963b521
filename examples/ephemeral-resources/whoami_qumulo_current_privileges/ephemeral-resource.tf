# A read-only plan account and a write apply account: check each phase for
# what it needs. Both gates are opened while planning and again while
# applying, with that phase's credentials, and never stored.
ephemeral "whoami_qumulo_current_privileges" "read" {
  required = ["PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_QUOTA_READ"]
  enforce  = true
}

ephemeral "whoami_qumulo_current_privileges" "write" {
  required = ["PRIVILEGE_SMB_SHARE_WRITE", "PRIVILEGE_QUOTA_WRITE"]
  enforce  = terraform.applying # false while planning
}

# What needs the privileges waits for the gate: without depends_on, Terraform
# applies it while the gate is being checked, and OpenTofu does not open an
# unreferenced ephemeral resource at apply at all.
resource "terraform_data" "quotas" {
  input      = "stands for the resources that write quotas"
  depends_on = [ephemeral.whoami_qumulo_current_privileges.write]
}
