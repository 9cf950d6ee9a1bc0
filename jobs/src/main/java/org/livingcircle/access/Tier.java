package org.livingcircle.access;

/**
 * Living-circle tier of a facility category. BASIC and QUALITY follow the MOFCOM 15-minute convenient living
 * circle split into basic-guarantee formats (基本保障类, reached within 5–10 minutes) and quality-improvement formats
 * (品质提升类, within 15 minutes); PUBLIC_SERVICE is everything else that is measured (schools, clinics, parks…).
 */
enum Tier {
  BASIC,
  QUALITY,
  PUBLIC_SERVICE
}
