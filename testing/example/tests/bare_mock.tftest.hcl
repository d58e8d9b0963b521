# What a bare mock_provider gives, without the kit: all_granted = false (a
# generated bool is false) with missing = [] and unknown = [] (generated
# collections are empty), so the module's gate fails with nothing to report.
# Point mock_provider at the kit instead.

mock_provider "whoami" {}

run "bare_mock_fails_the_gate" {
  command = plan

  expect_failures = [data.whoami_qumulo_current_privileges.quotas]
}
