/**
 * The grade model and the exercises: {@link org.ntplab.grading.Lab} (which lab has which contract,
 * student class and exercises), one file of exercises per lab that declares its lab ({@link
 * org.ntplab.grading.Labs} finds them) with the reference's answers in its cases (and the scripted
 * servers and transport the network labs are graded against), the {@link org.ntplab.grading.Grader}
 * that puts those cases to a student's object and compares, and what it yields ({@link
 * org.ntplab.grading.ExerciseResult}, {@link org.ntplab.grading.GradeReport}). No student code runs
 * here except through the Grader's calls.
 *
 * <p>The harness that compiles and runs students' code ({@code grading.harness}) and the report
 * formats ({@code grading.report}) build on this package; it knows neither.
 */
package org.ntplab.grading;
