/**
 * Row 5 in a process of its own (run.ts spawns it): the other rows leave their records and scorers on
 * the bench's heap, and a bigger live heap makes every major collection of the 100× analysis
 * dearer — the row measured 9.1–11.4 alone and 14.8 after the other rows in one process.
 */
import { benchFrontEndScaling } from "./front-end-scaling.ts";

benchFrontEndScaling();
