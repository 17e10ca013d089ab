import { deleteUserStep } from "@/lib/users/delete";
import type { JobStep } from "./jobs";

/** What each kind of job does with one item (looked up by the runner that claims the job). */
export const jobSteps: Record<string, JobStep> = {
  "users.delete": deleteUserStep,
};
