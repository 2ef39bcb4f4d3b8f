# The BSrE simulator's client credentials (the `bsre_simulator` fixture).
BSRE_CLIENT = ("autentika-uji", "rahasia-klien-uji")

# A local service answers in milliseconds; the generous timeout keeps a busy machine from
# failing a test. The timeout tests shorten it: their endpoint holds its answer until released.
TIMEOUT = 30
SLOW_TIMEOUT = 3
