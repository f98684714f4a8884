/**
 * What goes to a course platform: the student copy and its README, Gradescope's autograder zip,
 * GitHub Classroom's workflow.
 */
package org.ntplab.course;
