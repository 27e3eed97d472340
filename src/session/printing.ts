// The texts of a value come from src/format (Python's repr / str / print, HTML for notebooks); this
// module is the session's one door to it.
export { repr, str, html, printText, displayText } from '../format/index.js';
