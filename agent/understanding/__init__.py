"""Understanding layer of the offline model: normalisation and entity extractors.

Pure standard-library code, so it can be tested in isolation and reused by any dialogue manager.
"""
