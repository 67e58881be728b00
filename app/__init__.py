"""KefuDesk (客服台): a desktop workbench for online-shop customer service."""

__version__ = "0.1.0"
