/**
 * What instructors hand out and take in: the student copy and its README, Gradescope's autograder
 * zip, GitHub Classroom's workflow, one upload graded, and a class graded at once.
 */
package org.ntplab.course;
