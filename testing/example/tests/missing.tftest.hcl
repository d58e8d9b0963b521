# A chosen privilege missing, and one undecided: override_data replaces the
# kit's values for one data source, and expect_failures expects the
# postcondition to fail. A run that expects a failure passes only when that
# failure, and no other error, happens.

mock_provider "whoami" {
  source = "../mocks/all-granted"
}

run "quota_write_missing" {
  command = plan

  override_data {
    target = data.whoami_qumulo_current_privileges.quotas
    values = {
      missing     = ["PRIVILEGE_QUOTA_WRITE"]
      all_granted = false
      reasons = {
        PRIVILEGE_QUOTA_READ  = "listed in who-am-i's privileges"
        PRIVILEGE_QUOTA_WRITE = "not listed in who-am-i's privileges"
      }
    }
  }

  expect_failures = [data.whoami_qumulo_current_privileges.quotas]
}

run "quota_write_undecided" {
  command = plan

  override_data {
    target = data.whoami_qumulo_current_privileges.quotas
    values = {
      unknown     = ["PRIVILEGE_QUOTA_WRITE"]
      all_granted = false
    }
  }

  expect_failures = [data.whoami_qumulo_current_privileges.quotas]
}
