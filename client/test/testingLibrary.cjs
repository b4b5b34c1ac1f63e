// Pages load lazily and the client tests share two cores with the server tests: a wait for
// an element gives up after 5 s instead of testing-library's 1 s, so a busy machine is not
// a failure (a wait still ends as soon as the element is there). After the framework is
// set up, so that testing-library still registers its cleanup after each test.
require('@testing-library/react').configure({ asyncUtilTimeout: 5000 });
