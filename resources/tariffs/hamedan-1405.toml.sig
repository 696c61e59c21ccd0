{
  "key_id": "pishkhan-training-1",
  "signature": "Et2gj4tCqfpMGbXylB6VmVUeaMjTJGV1ToKnUptzloP27SBOJScBT0vfde9rPNDduC0iGqnPD6xYQFER8ekYCw=="
}
