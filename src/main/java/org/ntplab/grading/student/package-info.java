/**
 * The student process's side of grading: its main class, which makes the lab objects the harness
 * asks for, and lab 0's JShell answers. Runs with the contracts and the students' classes only.
 */
package org.ntplab.grading.student;
