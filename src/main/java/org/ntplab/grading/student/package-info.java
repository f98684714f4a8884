/**
 * The student process's side of grading: its main class, which makes the lab objects the harness
 * asks for, and lab 0's answers: a JShell script run in an engine of its own under time limits.
 * Runs with the contracts and the students' classes only.
 */
package org.ntplab.grading.student;
