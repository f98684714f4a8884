/**
 * The trusted grading harness: compiles a labs folder against the student runtime, checks the class
 * files ({@link org.ntplab.grading.harness.LabClassRules}), and grades the labs by calling the
 * students' code in a separate {@link org.ntplab.grading.harness.StudentProcess}, behind the {@link
 * org.ntplab.grading.harness.Sandbox}'s walls; batches are graded from copies ({@link
 * org.ntplab.grading.harness.Submission}) with the grader's own code fingerprinted.
 *
 * <p>The trust boundary runs between this JVM and the student process: the reference, the fixtures,
 * the expected values, the comparison and the grade stay on this side, and the student process
 * holds only the contracts, {@code grading.channel}, {@code grading.student} and the students'
 * classes. Nothing it says over the channel is believed beyond "this is my answer", and no student
 * class is ever loaded here.
 */
package org.ntplab.grading.harness;
