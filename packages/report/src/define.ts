// Defines <civic-report-form> and <civic-report-list> (and <civic-config>). Safe to run more than once.
import './define-form.js';
import './define-list.js';
