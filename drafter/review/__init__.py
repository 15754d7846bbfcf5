"""The reviewer round trip: harvest a reviewed plan's edits for next year, compare two plans."""
