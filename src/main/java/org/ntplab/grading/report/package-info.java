/**
 * The grade's formats, made from a {@link org.ntplab.grading.GradeReport}: the plain-text table
 * ({@link org.ntplab.grading.report.GradeTable}), ntplab's own JSON, both ways
 * ({@link org.ntplab.grading.report.ReportJson}), and Gradescope's results.json
 * ({@link org.ntplab.grading.report.GradescopeJson}).
 */
package org.ntplab.grading.report;
