export { addDays, dayIn, daysBetween, dayWords, instantOf, isDay, isTimeZone } from './plan-days.js';
export type { PlanHistory, Stage } from './plan-history.js';
export { defaultMilestones, planDaysWords, planEvents, readPlanDays, type Milestone, type Plan, type PlanEvent, type PlanTaskSpec } from './plan-model.js';
export { weighPlan, type MilestoneStanding, type MilestoneState, type PlanStanding } from './plan-standing.js';
