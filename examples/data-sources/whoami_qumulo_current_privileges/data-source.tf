# Report what the caller lacks, without failing the plan.
data "whoami_qumulo_current_privileges" "report" {
  required = ["PRIVILEGE_SMB_SHARE_WRITE", "PRIVILEGE_QUOTA_WRITE"]
}

output "qumulo_missing" {
  value = data.whoami_qumulo_current_privileges.report.missing
}

# Fail the plan, naming every missing privilege and the caller.
data "whoami_qumulo_current_privileges" "gate" {
  required = ["PRIVILEGE_SMB_SHARE_WRITE", "PRIVILEGE_QUOTA_WRITE"]
  enforce  = true
}

# Or test a single grant directly.
output "can_write_quotas" {
  value = contains(data.whoami_qumulo_current_privileges.report.privileges, "PRIVILEGE_QUOTA_WRITE")
}
