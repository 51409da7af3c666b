-- Issue 17: the owner of a report (the drafter of its plan, or the creator of a standalone campaign) may turn off the
-- email telling them that a school submitted late or after an overdue notice (on when the user has no row, or had one
-- before this column).
ALTER TABLE notification_preferences ADD COLUMN late_submission boolean NOT NULL DEFAULT true;
