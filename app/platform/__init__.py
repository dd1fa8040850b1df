"""What every layer may use: where files live, settings, logging, versions, processes."""
