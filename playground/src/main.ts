/** Entry point: registers the workbench element (which loads Monaco and the worker). */
import "./components/zs-workbench.ts";
