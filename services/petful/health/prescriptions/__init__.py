"""Prescription photos read by OCR into drafts the owner confirms into medication schedules.

upload (edge -> gRPC) stores the photo and a READING row; the worker's subscriber runs
`ocr` (Pillow preprocessing + Tesseract) and `parser` into a DRAFT; the owner corrects the
medications and confirms them into the schedules part's MEDICATION schedules.
"""
