/**
 * Engagement per seller: replies and questions, median time to a first reply on a requirement,
 * check-ins answered, lessons shared and applied, acknowledgements on time; counted with SQL over
 * what is stored, never kept by hand. Shown in `/tender status` and to the features that show or
 * export a tender.
 */
export type { SellerEngagement } from "./domain.js";
export { engagementNotes, engagementOf } from "./service.js";
export { engagementLine } from "./views.js";
