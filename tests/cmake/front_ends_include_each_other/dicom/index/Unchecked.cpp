// Fixture: a DICOM parse that skips the structure check (must be reported).
void readHeaderDirectly(DcmFileFormat& file, const char* path) {
  file.loadFile(path);
}
