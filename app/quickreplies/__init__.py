"""The canned-reply (快捷短语) library; filled in by the phrase-library issue."""
