"""Hand-over: giving the signed letter to the party, recorded in the Buku Tanda Terima.

- `models.py`: `Receipt` (number per office per year from `ReceiptCounter`, letter, recipient,
  identity stored in full and shown masked, channel in person / post / online download, the
  signed receipt scan).
- `services.py`: `handover_record` (Tata Usaha only: the hand-over duty; the first receipt moves
  the case to `handed_over`, later ones only fill the book), `handover_record_online_download`
  (the portal's electronic receipt, once per user and letter), `receipt_scan_attach`.
- `documents.py`: the receipt PDF and the case file ZIP with `MANIFEST.json`/`SHA256SUMS`;
  `books.py`: book `receipts`; pages under `/serah-terima/`; a panel on the case page (`hooks.py`).
- `demo.py`: the hand-over of `manage.py demo_request --handover` (the command is in
  `autentika.demo`); not used by the product's own steps.
"""
