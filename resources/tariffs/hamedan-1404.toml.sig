{
  "key_id": "pishkhan-training-1",
  "signature": "DLWbbWDglmWHPWClPBLTxUUHoMHu6ahop5j9G5GylbPL5QAnWXjxHXoCnu5IkDmCllyEZFx8ZEKlHtH/e1axBQ=="
}
