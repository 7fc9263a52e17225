from dataclasses import dataclass, field, asdict


@dataclass(frozen=True)
class Config:
    hidden: int = 128
    layers: int = 2
    dropout: float = 0.1
    activations: list = field(default_factory=lambda: ["tanh", "sigmoid"])


cfg = Config(hidden=64)
settings = asdict(cfg)
lstm_params = 4 * (cfg.hidden * (cfg.hidden + 32) + cfg.hidden)
