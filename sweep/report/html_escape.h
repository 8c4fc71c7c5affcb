#pragma once
// Text for HTML: the four characters that would end an element or an attribute are escaped. Both
// HTML pages (the sweep report and the run report) use it.
#include <string>

namespace edgesa::sweep {

std::string html_escape(const std::string& s);

}  // namespace edgesa::sweep
