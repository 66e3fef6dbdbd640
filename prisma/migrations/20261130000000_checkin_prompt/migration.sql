-- A check-in's message in a seller channel is its prompt; "nudge" names only the automatic reminders.
UPDATE "Delivery" SET "kind" = 'checkin_prompt' WHERE "kind" = 'checkin_nudge';
