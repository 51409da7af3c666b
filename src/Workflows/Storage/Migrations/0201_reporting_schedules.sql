-- Reporting scheduler side (issue 5): which plan duty a schedule comes from (one schedule per duty, so activating
-- twice cannot double it), and the indexes the reporting cycle reads by.
ALTER TABLE reporting_schedules ADD COLUMN duty_index int NULL;
CREATE UNIQUE INDEX reporting_schedules_plan_duty ON reporting_schedules (plan_id, duty_index) WHERE plan_id IS NOT NULL;
CREATE INDEX reporting_periods_due ON reporting_periods (state, opens_at) WHERE state <> 'closed';
CREATE INDEX report_requests_schedule ON report_requests (schedule_id);
