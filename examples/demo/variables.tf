variable "enforce" {
  description = "Fail the plan when a required privilege is missing."
  type        = bool
  default     = false
}
