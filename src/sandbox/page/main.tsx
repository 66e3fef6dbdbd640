/** The sandbox page's entry: draws the workspace into the server's <div id="root">. */
import "slack-blocks-to-jsx/dist/style.css";
import "./page.css";
import "./messages.css";
import "./panes.css";
import "./controls.css";
import "./modal.css";
import { createRoot } from "react-dom/client";
import { App } from "./App";

const root = document.getElementById("root");
if (!root) throw new Error("The sandbox page needs an element with id root.");
createRoot(root).render(<App />);
