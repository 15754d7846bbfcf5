"""Where the reviewer works, in Word: harvest a reviewed plan's edits for next year and compare two
plans (harvest, diff, tracked); put the checker's findings into a copy as comments (comments) and
its safe fixes as tracked changes (fix/, on revise's tracked formatting); copies are written by
one rule (copies)."""
