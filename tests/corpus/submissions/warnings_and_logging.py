import logging
import warnings

import numpy as np

logging.basicConfig(level=logging.INFO)
logging.info("computing")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    ratio = np.float64(1.0) / np.float64(0.0)
is_infinite = bool(np.isinf(ratio))
warnings.warn("this is only a demo")
after_warning = 1
