from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """Local private files (the embedded default). They have no URL at all:
    the only way to read one is the permission-checked view."""

    def url(self, name):
        raise ValueError("Private files have no public URL; use portal:private_file.")
