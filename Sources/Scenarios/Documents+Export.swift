// Scenario files are documents: whoever reads scenarios reads their values, origins and diagnostics.
@_exported import Documents
