/**
 * The grade's formats, made from a {@link org.ntplab.grading.GradeReport}: the plain-text table
 * ({@link org.ntplab.grading.report.GradeTable}), ntplab's own JSON, both ways ({@link
 * org.ntplab.grading.report.ReportJson}), Gradescope's results.json ({@link
 * org.ntplab.grading.report.GradescopeJson}), and the page to read a failure in, report.html
 * ({@link org.ntplab.grading.report.HtmlReport}).
 */
package org.ntplab.grading.report;
