enum PlaceholderSynclineTestSupport {}
